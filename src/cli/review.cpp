// cli/review.cpp — being written (issue 4).

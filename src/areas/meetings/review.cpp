// areas/meetings/review.cpp — being written (issue 4).

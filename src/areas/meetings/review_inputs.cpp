// areas/meetings/review_inputs.cpp — being written (issue 4).

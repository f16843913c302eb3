// areas/meetings/minutes.cpp — being written (issue 4).

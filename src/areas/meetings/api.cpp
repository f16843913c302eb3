// areas/meetings/api.cpp — being written (issue 4).

// areas/meetings/service.cpp — being written (issue 4).

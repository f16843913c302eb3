// areas/meetings/pages.cpp — being written (issue 4).

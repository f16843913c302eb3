// areas/meetings/repo.cpp — being written (issue 4).

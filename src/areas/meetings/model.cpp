// areas/meetings/model.cpp — being written (issue 4).

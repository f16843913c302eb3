// areas/actions/api.cpp — being written (issue 4).

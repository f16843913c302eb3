// areas/actions/service.cpp — being written (issue 4).

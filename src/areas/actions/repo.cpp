// areas/actions/repo.cpp — being written (issue 4).

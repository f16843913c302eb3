// areas/actions/pages.cpp — being written (issue 4).

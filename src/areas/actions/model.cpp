// areas/actions/model.cpp — being written (issue 4).

// tests/areas/actions/service_test.cpp — being written (issue 4).

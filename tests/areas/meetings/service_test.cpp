// tests/areas/meetings/service_test.cpp — being written (issue 4).

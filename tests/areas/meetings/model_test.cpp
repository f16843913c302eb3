// tests/areas/meetings/model_test.cpp — being written (issue 4).

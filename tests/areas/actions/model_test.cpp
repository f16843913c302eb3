// tests/areas/actions/model_test.cpp — being written (issue 4).

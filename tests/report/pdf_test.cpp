// tests/report/pdf_test.cpp — being written (issue 4).

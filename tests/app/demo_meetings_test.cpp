// tests/app/demo_meetings_test.cpp — being written (issue 4).

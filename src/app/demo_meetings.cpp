// app/demo_meetings.cpp — being written (issue 4).

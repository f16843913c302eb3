// areas/meetings/calendar.cpp — being written (issue 4).

// areas/meetings/minutes_data.cpp — being written (issue 4).

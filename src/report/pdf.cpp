// report/pdf.cpp — being written (issue 4).

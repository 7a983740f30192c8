// syllabus

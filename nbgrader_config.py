"""nbgrader's configuration for this course: `nbgrader generate_assignment notebooks` works as is.

The course notebooks are nbgrader source notebooks already (solution cells carry nbgrader
metadata and ### BEGIN SOLUTION / ### END SOLUTION). Run from the repository root, with
nbgrader installed (it is not a course dependency; see README.md, "For instructors"):

    nbgrader generate_assignment notebooks --force

writes build/nbgrader/release/notebooks/NN_name.ipynb. `make student` writes the course's own
student edition (build/student/) without nbgrader.
"""

import os

c = get_config()  # noqa: F821 -- nbgrader runs this file with get_config defined

# The assignment "notebooks" is the folder notebooks/ itself: source/ is the repository root.
c.CourseDirectory.root = "."
c.CourseDirectory.source_directory = "."
c.CourseDirectory.release_directory = "build/nbgrader/release"
c.CourseDirectory.submitted_directory = "build/nbgrader/submitted"
c.CourseDirectory.autograded_directory = "build/nbgrader/autograded"
c.CourseDirectory.feedback_directory = "build/nbgrader/feedback"
c.CourseDirectory.db_url = "sqlite:///build/nbgrader/gradebook.db"
os.makedirs("build/nbgrader", exist_ok=True)  # SQLite creates the file, not its folder
# Only the notebooks: the checks come from the installed course_utils, the data with it.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__"]

# The stub a solution becomes: a placeholder the course's check reports as "not attempted",
# where nbgrader's default `raise NotImplementedError()` would stop "Run all" at the first
# exercise.
c.ClearSolutions.code_stub = {"python": "answer = ...  # YOUR CODE HERE"}

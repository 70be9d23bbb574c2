// CohortModel: the standardized data model of a hospital network (see README.md in this folder).

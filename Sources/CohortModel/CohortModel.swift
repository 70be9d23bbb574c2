// CohortModel: the standardized data model of a MID-NET-style hospital network, and what is built on it.
//
// - Model/: day numbers (`Day`), sites, persons and their event tables, columnar and sorted by person
//   (`Network`, assembled by `NetworkBuilder`).
// - Vocabulary/: coding systems with their format checks, code interning (`Vocabulary`) and concept sets.
// - Cohorts/: drug eras, new-user cohorts and their attrition.
// - Loaders/: reading the network's exported tables. `CSVTable` is the byte-level RFC 4180 reader the
//   loaders build on: it indexes a file in one pass and converts columns on demand, and its `CSVError`s
//   name the file, line, column and offending value. `LoadReport` accounts for every source row.

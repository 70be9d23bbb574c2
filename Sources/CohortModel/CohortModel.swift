// CohortModel: the standardized data model of a hospital network.
//
// Loaders/ reads the network's exported tables. `CSVTable` is the byte-level RFC 4180 reader every
// loader builds on: it indexes a file in one pass and converts columns on demand, and its `CSVError`s
// name the file, line, column and offending value.

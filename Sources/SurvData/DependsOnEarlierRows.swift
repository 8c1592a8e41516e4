/// An error that a chunk read on its own may report although the whole file read in order would not:
/// a number out of range counts only while its column is still numeric, and an earlier chunk may
/// already have turned the column into text; too many distinct values depends on every earlier row.
/// Reading in one pass unwraps it; a chunked read gives the decision to a reading in one pass.
struct DependsOnEarlierRows: Error {
    var error: DataError
}

namespace Pipeline.DuckDb;

/// <summary>DuckDB's classification of an error (<c>duckdb_error_type</c>); values as in the C API.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name",
    Justification = "The members are DuckDB's SQL type names.")]
public enum DuckDbErrorType
{
    /// <summary>No type given.</summary>
    Invalid = 0,
    /// <summary>A value out of range.</summary>
    OutOfRange = 1,
    /// <summary>A failed conversion (cast).</summary>
    Conversion = 2,
    /// <summary>An unknown type.</summary>
    UnknownType = 3,
    /// <summary>A decimal error.</summary>
    Decimal = 4,
    /// <summary>Mismatched types.</summary>
    MismatchType = 5,
    /// <summary>Division by zero.</summary>
    DivideByZero = 6,
    /// <summary>An object too large.</summary>
    ObjectSize = 7,
    /// <summary>An invalid type.</summary>
    InvalidType = 8,
    /// <summary>A serialization error.</summary>
    Serialization = 9,
    /// <summary>A transaction error (conflict, aborted transaction).</summary>
    Transaction = 10,
    /// <summary>Not implemented by DuckDB.</summary>
    NotImplemented = 11,
    /// <summary>An expression error.</summary>
    Expression = 12,
    /// <summary>A catalog error (unknown table, column, function).</summary>
    Catalog = 13,
    /// <summary>A parser error.</summary>
    Parser = 14,
    /// <summary>A planner error.</summary>
    Planner = 15,
    /// <summary>A scheduler error.</summary>
    Scheduler = 16,
    /// <summary>An executor error.</summary>
    Executor = 17,
    /// <summary>A constraint violation.</summary>
    Constraint = 18,
    /// <summary>An index error.</summary>
    Index = 19,
    /// <summary>A statistics error.</summary>
    Stat = 20,
    /// <summary>A connection error.</summary>
    Connection = 21,
    /// <summary>A syntax error.</summary>
    Syntax = 22,
    /// <summary>An invalid setting.</summary>
    Settings = 23,
    /// <summary>A binder error (wrong column, wrong argument types).</summary>
    Binder = 24,
    /// <summary>A network error.</summary>
    Network = 25,
    /// <summary>An optimizer error.</summary>
    Optimizer = 26,
    /// <summary>A null pointer.</summary>
    NullPointer = 27,
    /// <summary>An I/O error (a missing or unreadable file).</summary>
    IO = 28,
    /// <summary>The query was interrupted.</summary>
    Interrupt = 29,
    /// <summary>A fatal error: the database is invalidated.</summary>
    Fatal = 30,
    /// <summary>An internal DuckDB error.</summary>
    Internal = 31,
    /// <summary>Invalid input (a malformed file, a bad argument).</summary>
    InvalidInput = 32,
    /// <summary>Out of memory (the memory limit was reached).</summary>
    OutOfMemory = 33,
    /// <summary>A permission error.</summary>
    Permission = 34,
    /// <summary>A parameter that could not be resolved.</summary>
    ParameterNotResolved = 35,
    /// <summary>A parameter where none is allowed.</summary>
    ParameterNotAllowed = 36,
    /// <summary>A dependency error.</summary>
    Dependency = 37,
    /// <summary>An HTTP error.</summary>
    Http = 38,
    /// <summary>An extension that is not available.</summary>
    MissingExtension = 39,
    /// <summary>An extension autoload failure.</summary>
    Autoload = 40,
    /// <summary>A sequence error.</summary>
    Sequence = 41,
}

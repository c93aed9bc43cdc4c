namespace Pipeline.Sharding;

/// <summary>What sharding does with a bad record (malformed line, missing id, empty text, duplicate id).</summary>
public enum BadRecordPolicy
{
    /// <summary>Stop at the first bad record with an error naming the file and line; write nothing (the default).</summary>
    Fail,

    /// <summary>Leave the record out (for a duplicate id, every occurrence after the first), count it and go on.</summary>
    Skip,
}

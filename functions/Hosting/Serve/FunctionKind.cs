namespace Pipeline.Functions.Hosting.Serve;

/// <summary>What a function does.</summary>
internal enum FunctionKind
{
    /// <summary>Runs a stage task from the stage's queue.</summary>
    Stage,

    /// <summary>Marks the job of a task from the stage's poison queue failed.</summary>
    Poison,

    /// <summary>Accepts a job over HTTP.</summary>
    SubmitHttp,

    /// <summary>Reports a job's status over HTTP.</summary>
    StatusHttp,

    /// <summary>Accepts a job from the Service Bus queue.</summary>
    SubmitServiceBus,

    /// <summary>The timer-triggered nightly evaluation (<c>NightlyEvaluation</c>).</summary>
    NightlyTimer,
}

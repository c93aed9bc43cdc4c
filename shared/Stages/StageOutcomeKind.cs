namespace Pipeline.Stages;

/// <summary>How handling a task went. In every case the host acknowledges (deletes) the message.</summary>
public enum StageOutcomeKind
{
    /// <summary>The work was done and committed now.</summary>
    Done,

    /// <summary>The task had committed before (a redelivery or duplicate); only its advance was re-checked.</summary>
    AlreadyDone,

    /// <summary>The last task: every result is written and the job is complete.</summary>
    JobCompleted,

    /// <summary>The job failed permanently (now, or before this task arrived); nothing more will run.</summary>
    JobFailed,

    /// <summary>The message names a job that does not exist; nothing was done.</summary>
    JobNotFound,
}

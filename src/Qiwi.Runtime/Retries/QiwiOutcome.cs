namespace Qiwi.Runtime;

/// <summary>What the status read says about a write whose answer was lost.</summary>
public enum QiwiOutcome
{
    /// <summary>The resource exists and shows the write's effect: the write is done.</summary>
    TookEffect,

    /// <summary>The resource does not exist, or does not show the write's effect: the write is not done, and sending it again is safe.</summary>
    NotTakenEffect,

    /// <summary>The read failed: nobody knows.</summary>
    CannotTell,
}

namespace Qiwi.Sandbox.Persistence;

/// <summary>
/// Endpoint metadata: a GET endpoint that may change state (the invoicing web form issues an invoice), so that with a
/// data file its answer waits for the save as every non-GET request's does. The save middleware reads it from the
/// endpoint routing matched, so it matches exactly what routing matches (case, trailing slash), not a copy of the path.
/// </summary>
internal sealed class ChangesState
{
    public static readonly ChangesState Instance = new();

    private ChangesState()
    {
    }
}

namespace CvTailor.SqliteTransfer.Import;

/// <summary>Thrown by <see cref="ImportOptions.FaultAfterRows"/>: a deliberate mid-run failure.</summary>
public sealed class InjectedFaultException(long rows) : Exception($"Injected fault after {rows} rows (--fault-after-rows).");

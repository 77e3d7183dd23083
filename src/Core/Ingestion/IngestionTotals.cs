using SocialWatch.Core.Ports;

namespace SocialWatch.Core.Ingestion;

/// <summary>Counts of what a poll round or an import did, summed across accounts. Thread-safe.</summary>
public sealed class IngestionTotals
{
    private int read;
    private int inserted;
    private int unchanged;
    private int newVersions;
    private int flagged;
    private int classificationFailed;
    private int quarantined;
    private int deleted;
    private int accountsPolled;
    private int accountsFailed;

    public int Read => read;
    public int Inserted => inserted;
    public int Unchanged => unchanged;
    public int NewVersions => newVersions;
    public int Flagged => flagged;
    /// <summary>Posts stored without a verdict because the classifier threw on them.</summary>
    public int ClassificationFailed => classificationFailed;
    public int Quarantined => quarantined;
    public int Deleted => deleted;
    public int AccountsPolled => accountsPolled;
    public int AccountsFailed => accountsFailed;

    public void Add(IngestOutcome outcome)
    {
        Interlocked.Increment(ref read);
        switch (outcome.Stored)
        {
            case Domain.StoreOutcome.Inserted:
                Interlocked.Increment(ref inserted);
                break;
            case Domain.StoreOutcome.NewVersion:
                Interlocked.Increment(ref newVersions);
                break;
            default:
                Interlocked.Increment(ref unchanged);
                break;
        }
        if (outcome.FlagId is not null)
        {
            Interlocked.Increment(ref flagged);
        }
        if (outcome.ClassificationFailed)
        {
            Interlocked.Increment(ref classificationFailed);
        }
    }

    public void AddQuarantined() => Interlocked.Increment(ref quarantined);

    public void AddDeleted(int count) => Interlocked.Add(ref deleted, count);

    public void AddAccount(bool succeeded) => Interlocked.Increment(ref succeeded ? ref accountsPolled : ref accountsFailed);

    public override string ToString() =>
        $"read {Read}, new {Inserted}, unchanged {Unchanged}, new versions {NewVersions}, flagged {Flagged}, " +
        $"classification failed {ClassificationFailed}, quarantined {Quarantined}, deleted {Deleted}, accounts polled {AccountsPolled}, failed {AccountsFailed}";
}

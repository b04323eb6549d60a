using CvTailor.Data;
using CvTailor.Data.Artifacts;
using CvTailor.Data.Queue;

namespace CvTailor.Api.Artifacts;

/// <summary>Building and changing artifact rows from validated input.</summary>
public static class ArtifactWrites
{
    /// <summary>
    /// Inserts an artifact with its evidence links and enqueues its embedding job, in one transaction.
    /// <paramref name="configure"/> adds more rows for the new artifact (uploaded files, a processing job) before commit.
    /// </summary>
    public static Task<Artifact> CreateAsync(
        CvTailorDbContext db, long userId, ArtifactInput input, DateTime now,
        Func<Artifact, CancellationToken, Task>? configure, CancellationToken ct) =>
        ArtifactTransaction.RunAsync(db, async token =>
        {
            var artifact = new Artifact
            {
                UserId = userId,
                ArtifactType = ArtifactTypes.Project,
                CreatedAt = now,
                UpdatedAt = now,
            };
            Apply(artifact, input);
            foreach (var link in input.EvidenceLinks)
            {
                artifact.EvidenceLinks.Add(NewLink(link, now));
            }
            db.Artifacts.Add(artifact);
            await db.SaveChangesAsync(token); // assigns the id the job and the extra rows need

            if (configure is not null)
            {
                await configure(artifact, token);
            }
            await EmbeddingQueue.EnqueueAsync(db, userId, artifact.Id, EmbeddingJobKinds.ArtifactUpsert, token);
            await db.SaveChangesAsync(token);
            return TransactionOutcome.Committed(artifact);
        }, ct);

    /// <summary>Copies the fields the request carried; the others keep their values.</summary>
    public static void Apply(Artifact artifact, ArtifactInput input)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Title is not null)
        {
            artifact.Title = input.Title;
        }
        if (input.Description is not null)
        {
            artifact.Description = input.Description;
        }
        if (input.ArtifactType is not null)
        {
            artifact.ArtifactType = input.ArtifactType;
        }
        if (input.HasStartDate)
        {
            artifact.StartDate = input.StartDate;
        }
        if (input.HasEndDate)
        {
            artifact.EndDate = input.EndDate;
        }
        if (input.Technologies is not null)
        {
            artifact.Technologies = JsonColumn.FromStrings(input.Technologies);
        }
        if (input.Collaborators is not null)
        {
            artifact.Collaborators = JsonColumn.FromStrings(input.Collaborators);
        }
    }

    public static EvidenceLink NewLink(EvidenceLinkInput link, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new EvidenceLink
        {
            Url = link.Url,
            LinkType = link.LinkType,
            Description = link.Description,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}

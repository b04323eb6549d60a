using System.Text.Json;
using System.Text.Json.Nodes;
using CvTailor.Api.Auth;
using CvTailor.Api.DrfContract;
using CvTailor.Data;
using CvTailor.Data.Artifacts;
using CvTailor.Data.Queue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Artifacts;

/// <summary>R15: one edit applied to up to 100 of the caller's artifacts, each in its own transaction.</summary>
public static partial class BulkEditEndpoint
{
    public sealed record BulkEditItemResult(
        int Id,
        string Status,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<string>? UpdatedFields,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        string? Message);

    public sealed record BulkEditResponse(IReadOnlyList<BulkEditItemResult> Results, int TotalProcessed, int Successful, int Failed);

    public static async Task<Results<Ok<BulkEditResponse>, BodyError, FieldErrorsResult, BadRequest<ApiErrorMessage>>> PatchAsync(
        RequestFields read, CurrentUser user, CvTailorDbContext db, TimeProvider time, ILogger<BulkEditAction> logger,
        CancellationToken ct)
    {
        if (read.Error is { } bodyError)
        {
            return bodyError;
        }
        var errors = new FieldErrors();
        var parsed = Parse(read.Values, errors);
        if (parsed is null)
        {
            return errors.ToBadRequest();
        }
        var (ids, action) = parsed.Value;

        // All or nothing on ownership: a foreign or unknown id refuses the whole request before anything changes.
        var owned = await db.Artifacts.Where(a => ids.Contains(a.Id) && a.UserId == user.Id).CountAsync(ct);
        if (owned != ids.Count)
        {
            return ArtifactResults.BadRequestError(ArtifactMessages.SomeArtifactsNotOwned);
        }

        var results = new List<BulkEditItemResult>(ids.Count);
        foreach (var id in ids)
        {
            try
            {
                results.Add(await EditOneAsync(db, user.Id, id, action, time.UtcNow(), ct));
            }
            catch (DbUpdateException ex)
            {
                LogItemFailed(logger, ex, id);
                results.Add(new BulkEditItemResult(id, "error", null, "The artifact could not be updated."));
            }
        }
        var successful = results.Count(r => r.Status == "success");
        return TypedResults.Ok(new BulkEditResponse(results, results.Count, successful, results.Count - successful));
    }

    static Task<BulkEditItemResult> EditOneAsync(
        CvTailorDbContext db, long userId, int id, BulkEditAction action, DateTime now, CancellationToken ct) =>
        ArtifactTransaction.RunAsync(db, async token =>
        {
            // The row lock serialises this edit with concurrent writes to the same artifact.
            var artifact = (await db.Artifacts
                .FromSqlInterpolated($"SELECT * FROM artifacts_artifact WHERE id = {id} AND user_id = {userId} FOR UPDATE")
                .ToListAsync(token)).SingleOrDefault();
            if (artifact is null)
            {
                return TransactionOutcome.RolledBack(
                    new BulkEditItemResult(id, "error", null, ArtifactMessages.ArtifactNotFound));
            }
            if (action.ApplyTo(artifact) is { } problem)
            {
                return TransactionOutcome.RolledBack(new BulkEditItemResult(id, "error", null, problem));
            }
            artifact.UpdatedAt = now;
            await EmbeddingQueue.EnqueueAsync(db, userId, id, EmbeddingJobKinds.ArtifactUpsert, token);
            await db.SaveChangesAsync(token);
            return TransactionOutcome.Committed(new BulkEditItemResult(id, "success", [action.Name], null));
        }, ct);

    static (List<int> Ids, BulkEditAction Action)? Parse(JsonObject body, FieldErrors errors)
    {
        var ids = ReadIds(body, errors);
        body.TryReadChoice("action", errors, BulkEditAction.All, out var action, required: true);
        JsonObject? values = null;
        if (!body.TryGetPropertyValue("values", out var valuesNode))
        {
            errors.Add("values", DrfFields.Required);
        }
        else if (valuesNode is JsonObject obj)
        {
            values = obj;
        }
        else
        {
            errors.Add("values", valuesNode is null ? DrfFields.NotNull : DrfFields.ExpectedDictionary(DrfFields.PythonTypeName(valuesNode)));
        }
        if (errors.HasErrors)
        {
            return null;
        }

        // The serializer's object-level checks, with its messages.
        switch (action)
        {
            case BulkEditAction.AddTechnologies or BulkEditAction.RemoveTechnologies:
                return ReadList(values!, "technologies", ArtifactLimits.TechnologyMaxLength,
                    "Technologies action requires 'technologies' list in values", errors) is { } technologies
                    ? (ids!, new BulkEditAction(action, technologies, null))
                    : null;
            case BulkEditAction.AddCollaborators or BulkEditAction.RemoveCollaborators:
                return ReadList(values!, "collaborators", ArtifactLimits.CollaboratorMaxLength,
                    "Collaborators action requires 'collaborators' list in values", errors) is { } collaborators
                    ? (ids!, new BulkEditAction(action, collaborators, null))
                    : null;
            default:
                if (!values!.TryGetPropertyValue("artifact_type", out var typeNode))
                {
                    errors.Add(FieldErrors.NonField, "Update type action requires 'artifact_type' in values");
                    return null;
                }
                var type = typeNode is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : typeNode?.ToJsonString() ?? "None";
                if (!ArtifactTypes.All.Contains(type, StringComparer.Ordinal))
                {
                    errors.Add(FieldErrors.NonField, $"Invalid artifact type: {type}");
                    return null;
                }
                return (ids!, new BulkEditAction(action, [], type));
        }
    }

    static List<string>? ReadList(JsonObject values, string name, int maxItemLength, string missingMessage, FieldErrors errors)
    {
        if (!values.TryGetPropertyValue(name, out var node) || node is not JsonArray)
        {
            errors.Add(FieldErrors.NonField, missingMessage);
            return null;
        }
        return ArtifactInputReader.TryReadStringList(node, "values", errors, maxItemLength, out var list) ? list : null;
    }

    /// <summary><c>artifact_ids</c>: 1–100 integers; repeats are applied once (the original refused them by accident).</summary>
    static List<int>? ReadIds(JsonObject body, FieldErrors errors)
    {
        const string field = "artifact_ids";
        if (!body.TryGetPropertyValue(field, out var node))
        {
            errors.Add(field, DrfFields.Required);
            return null;
        }
        if (node is not JsonArray array)
        {
            errors.Add(field, node is null ? DrfFields.NotNull : DrfFields.ExpectedList(DrfFields.PythonTypeName(node)));
            return null;
        }
        if (array.Count == 0)
        {
            errors.Add(field, ArtifactMessages.TooFewItems(1));
            return null;
        }
        if (array.Count > ArtifactLimits.BulkMaxArtifacts)
        {
            errors.Add(field, ArtifactMessages.TooManyItems(ArtifactLimits.BulkMaxArtifacts));
            return null;
        }
        var ids = new List<int>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var holder = new JsonObject { ["v"] = array[i]?.DeepClone() };
            var itemErrors = new FieldErrors();
            if (holder.TryReadInt("v", itemErrors, out var id))
            {
                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
            else
            {
                errors.Add(field, $"Item {i}: {itemErrors.ToDictionary()["v"][0]}");
            }
        }
        return errors.Has(field) ? null : ids;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bulk edit of artifact {ArtifactId} failed")]
    static partial void LogItemFailed(ILogger logger, Exception exception, int artifactId);
}

// The handlers' name for a DRF validation answer in their Results<…> unions: 400 {"field": ["msg", ...]}.
global using FieldErrorsResult = Microsoft.AspNetCore.Http.HttpResults.BadRequest<System.Collections.Generic.IReadOnlyDictionary<string, string[]>>;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CvTailor.Api.DrfContract;

/// <summary>
/// Collects validation errors in DRF's shape, <c>{"field": ["msg", ...], "non_field_errors": ["msg"]}</c>, so a bad
/// request names every offending field at once (as the original's serializers did).
/// </summary>
public sealed class FieldErrors
{
    public const string NonField = "non_field_errors";

    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }
        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public FieldErrorsResult ToBadRequest() => TypedResults.BadRequest(ToDictionary());

    public static FieldErrorsResult For(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToBadRequest();
    }
}

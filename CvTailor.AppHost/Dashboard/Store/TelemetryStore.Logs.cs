using CvTailor.AppHost.Dashboard.Otlp.Proto.Collector.Logs.V1;
using CvTailor.AppHost.Dashboard.Otlp.Proto.Logs.V1;

namespace CvTailor.AppHost.Dashboard.Store;

public sealed partial class TelemetryStore
{
    readonly Queue<StoredLogRecord> _logs = new();
    readonly Dictionary<string, Queue<StoredLogRecord>> _logsByResource = new(StringComparer.Ordinal);
    long _logBytes;
    long _logSequence;

    /// <summary>Stores the log records of an OTLP export. Records are never rejected: malformed ids are dropped.</summary>
    public IngestResult AddLogs(ExportLogsServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batches = new List<(TelemetryResource Resource, List<(string Scope, LogRecord Record)> Records)>();
        foreach (var resourceLogs in request.ResourceLogs)
        {
            var resource = OtlpConversion.ToResource(resourceLogs.Resource, _limits);
            var records = new List<(string, LogRecord)>();
            foreach (var scopeLogs in resourceLogs.ScopeLogs)
            {
                var scope = OtlpConversion.Truncate(scopeLogs.Scope?.Name ?? "", _limits.MaxAttributeLength);
                records.AddRange(scopeLogs.LogRecords.Select(r => (scope, r)));
            }

            batches.Add((resource, records));
        }

        // Conversion happens outside the lock; only the sequence number is assigned inside it.
        var converted = batches.Select(b => (b.Resource, Records: b.Records.Select(r => ToStoredLog(b.Resource, r.Scope, r.Record)).ToList())).ToList();
        lock (_gate)
        {
            foreach (var (resource, records) in converted)
            {
                var entry = TouchResource(resource);
                foreach (var record in records)
                {
                    AddLog(record with { Resource = entry.Resource, Sequence = ++_logSequence });
                }
            }
        }

        Changed();
        return IngestResult.Accepted;
    }

    /// <summary>Matching records, newest first.</summary>
    public IReadOnlyList<StoredLogRecord> GetLogs(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        StoredLogRecord[] candidates;
        lock (_gate)
        {
            if (query.ResourceKey is null)
            {
                candidates = [.. _logs];
            }
            else
            {
                candidates = _logsByResource.TryGetValue(query.ResourceKey, out var own) ? [.. own] : [];
            }
        }

        var text = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text.Trim();
        var key = string.IsNullOrWhiteSpace(query.AttributeKey) ? null : query.AttributeKey.Trim();
        var value = string.IsNullOrWhiteSpace(query.AttributeValue) ? null : query.AttributeValue.Trim();
        var traceId = string.IsNullOrWhiteSpace(query.TraceId) ? null : query.TraceId.Trim();
        var result = new List<StoredLogRecord>(Math.Min(candidates.Length, query.Limit));
        for (var i = candidates.Length - 1; i >= 0 && result.Count < query.Limit; i--)
        {
            var log = candidates[i];
            if ((query.MinLevel == LogLevelName.Unspecified || log.Level >= query.MinLevel)
                && (traceId is null || log.TraceId.Equals(traceId, StringComparison.OrdinalIgnoreCase))
                && (text is null || log.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || log.EventName.Contains(text, StringComparison.OrdinalIgnoreCase))
                && MatchesAttribute(log, key, value))
            {
                result.Add(log);
            }
        }

        return result;
    }

    static bool MatchesAttribute(StoredLogRecord log, string? key, string? value)
    {
        if (key is null && value is null)
        {
            return true;
        }

        IEnumerable<TelemetryTag> attributes = log.Attributes;
        if (key is not null)
        {
            attributes = attributes.Where(a => a.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
        }

        return value is null ? attributes.Any() : attributes.Any(a => a.Value.Contains(value, StringComparison.OrdinalIgnoreCase));
    }

    void AddLog(StoredLogRecord record)
    {
        _logs.Enqueue(record);
        _logBytes += record.EstimatedBytes;
        Index(_logsByResource, record.Resource.Key, record);
        while (_logs.Count > 0 && (_logs.Count > _limits.MaxLogRecords || _logBytes > _limits.MaxLogBytes))
        {
            var old = _logs.Dequeue();
            _logBytes -= old.EstimatedBytes;
            Unindex(_logsByResource, old.Resource.Key);
        }
    }

    StoredLogRecord ToStoredLog(TelemetryResource resource, string scope, LogRecord record)
    {
        var attributes = OtlpConversion.ToAttributes(record.Attributes, _limits);
        var body = OtlpConversion.ToText(record.Body, _limits.MaxLogBodyLength);
        var severityText = OtlpConversion.Truncate(record.SeverityText, 64);
        var eventName = OtlpConversion.Truncate(record.EventName, _limits.MaxAttributeLength);
        var time = record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano;
        return new StoredLogRecord
        {
            Resource = resource,
            Scope = scope,
            Sequence = 0,
            Time = time == 0 ? DateTime.UtcNow : OtlpConversion.ToDateTime(time),
            SeverityNumber = (int)record.SeverityNumber,
            SeverityText = severityText,
            Body = body,
            Message = LogMessageTemplate.Render(body, attributes),
            EventName = eventName,
            TraceId = record.TraceId.Length == 16 ? OtlpConversion.ToHex(record.TraceId) : "",
            SpanId = record.SpanId.Length == 8 ? OtlpConversion.ToHex(record.SpanId) : "",
            Attributes = attributes,
            EstimatedBytes = 300 + (2 * OtlpConversion.EstimateBytes(body)) + OtlpConversion.EstimateBytes(severityText)
                             + OtlpConversion.EstimateBytes(eventName) + OtlpConversion.EstimateBytes(attributes),
        };
    }
}

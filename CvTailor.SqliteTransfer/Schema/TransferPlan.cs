namespace CvTailor.SqliteTransfer.Schema;

/// <summary>
/// The tables to move, parents before children (from the target's foreign keys), and every reason the source cannot
/// move without loss. Tables only the target has (e.g. <c>embedding_jobs</c>) are left alone.
/// </summary>
public sealed record TransferPlan(IReadOnlyList<TablePlan> Tables, IReadOnlyList<string> Errors, IReadOnlyList<string> Notes)
{
    /// <summary>Framework bookkeeping the target does not keep; the export writes it anew.</summary>
    public static readonly IReadOnlySet<string> NotCarried = new HashSet<string>(StringComparer.Ordinal) { "django_migrations" };

    public static TransferPlan Create(SourceSchema source, IReadOnlyDictionary<string, TargetTable> target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var errors = new List<string>();
        var notes = new List<string>();
        var plans = new Dictionary<string, TablePlan>(StringComparer.Ordinal);

        foreach (var (name, sourceColumns) in source.Columns)
        {
            var rows = source.RowCounts[name];
            if (NotCarried.Contains(name))
            {
                notes.Add($"{name} ({rows} rows) is not carried: the target keeps its own schema history");
                continue;
            }

            if (!target.TryGetValue(name, out var table))
            {
                if (rows > 0)
                {
                    errors.Add($"source table {name} has {rows} rows but the target schema has no such table");
                }
                else
                {
                    notes.Add($"source table {name} is empty and absent from the target; skipped");
                }

                continue;
            }

            foreach (var column in sourceColumns.Where(c => table.Column(c) is null))
            {
                if (rows > 0)
                {
                    errors.Add($"column {name}.{column} has no counterpart in the target; its values would be lost");
                }
            }

            foreach (var column in table.Columns.Where(c => !sourceColumns.Contains(c.Name)))
            {
                if (!column.IsNullable && !column.HasDefault && !column.IsIdentity && rows > 0)
                {
                    errors.Add($"target column {name}.{column.Name} is required but the source has no such column");
                }
                else
                {
                    notes.Add($"target column {name}.{column.Name} is not in the source; it gets its default");
                }
            }

            var columns = table.Columns.Where(c => sourceColumns.Contains(c.Name)).ToList();
            var references = new List<TableReference>();
            foreach (var fk in table.ForeignKeys)
            {
                var index = columns.FindIndex(c => c.Name == fk.Column);
                if (index >= 0)
                {
                    references.Add(new TableReference(index, fk.Column, fk.ReferencedTable, fk.ReferencedColumn));
                }
            }

            plans[name] = new TablePlan(
                name,
                table,
                columns,
                table.PrimaryKey is null ? -1 : columns.FindIndex(c => c.Name == table.PrimaryKey),
                references,
                rows,
                source.Sequences.TryGetValue(name, out var seq) ? seq : null);
        }

        foreach (var plan in plans.Values)
        {
            foreach (var reference in plan.References.Where(r => !plans.ContainsKey(r.ReferencedTable)))
            {
                if (plan.SourceRows > 0)
                {
                    errors.Add($"{plan.Name}.{reference.Column} references {reference.ReferencedTable}, which the source does not have");
                }
            }
        }

        return new TransferPlan(Order(plans), errors, notes);
    }

    /// <summary>Parents first; among tables free to go, alphabetical, so the order is stable.</summary>
    static List<TablePlan> Order(Dictionary<string, TablePlan> plans)
    {
        var pending = plans.Values.ToDictionary(
            p => p.Name,
            p => p.References.Select(r => r.ReferencedTable).Where(t => t != p.Name && plans.ContainsKey(t)).ToHashSet(),
            StringComparer.Ordinal);
        var ordered = new List<TablePlan>();
        while (pending.Count > 0)
        {
            var ready = pending.Where(kv => kv.Value.Count == 0).Select(kv => kv.Key).Order(StringComparer.Ordinal).FirstOrDefault()
                ?? throw new InvalidOperationException("The target's foreign keys form a cycle: " + string.Join(", ", pending.Keys));
            ordered.Add(plans[ready]);
            pending.Remove(ready);
            foreach (var parents in pending.Values)
            {
                parents.Remove(ready);
            }
        }

        return ordered;
    }
}

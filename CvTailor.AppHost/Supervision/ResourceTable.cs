using System.Text;

namespace CvTailor.AppHost.Supervision;

/// <summary>The resources table the console shows once everything is up (README: "What runs").</summary>
public static class ResourceTable
{
    static readonly string[] Header = ["Resource", "Type", "State", "Endpoints"];

    public static string Format(IEnumerable<IResource> resources, IEnumerable<ResourceEvent> states, string? dashboardUrl)
    {
        var rows = new List<string[]> { Header };
        var byResource = states.ToLookup(s => s.Resource);
        foreach (var resource in resources)
        {
            var instances = byResource[resource].ToList();
            foreach (var e in instances)
            {
                var urls = e.Snapshot.Urls.Where(u => !u.IsInternal).Select(u => u.Url).ToList();
                if (resource is IResourceWithEndpoints withEndpoints && urls.Count == 0)
                {
                    urls.AddRange(withEndpoints.GetEndpoints().Where(ep => ep.IsAllocated).Select(ep => ep.Url));
                }
                var state = e.Snapshot.State?.Text ?? "";
                if (state == KnownResourceStates.Running && e.Snapshot.HealthStatus is not null)
                {
                    state = e.Snapshot.HealthStatus.ToString()!;
                }
                // Replicas are told apart by the orchestrator's instance id; a single instance goes by its resource name.
                rows.Add([instances.Count == 1 ? resource.Name : e.ResourceId, e.Snapshot.ResourceType, state, string.Join(' ', urls)]);
            }
        }
        if (dashboardUrl is not null)
        {
            rows.Add(["dashboard", "Dashboard", "Running", dashboardUrl]);
        }
        var widths = Enumerable.Range(0, 3).Select(i => rows.Max(r => r[i].Length) + 2).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append("  ");
            for (var i = 0; i < 3; i++)
            {
                text.Append(row[i].PadRight(widths[i]));
            }
            text.AppendLine(row[3]);
        }
        return text.ToString().TrimEnd();
    }
}

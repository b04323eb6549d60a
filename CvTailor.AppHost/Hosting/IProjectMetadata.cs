namespace CvTailor.AppHost.Hosting;

/// <summary>
/// A project the AppHost can start, as Aspire's <c>Projects.*</c> classes describe it. The AppHost's build generates
/// one class per referenced project (see the GenerateProjectMetadata target in CvTailor.AppHost.csproj).
/// </summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }
    string AssemblyPath { get; }
}

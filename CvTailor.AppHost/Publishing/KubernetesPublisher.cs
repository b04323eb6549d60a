using System.Globalization;

namespace CvTailor.AppHost.Publishing;

/// <summary>
/// Writes Kubernetes manifests plus a <c>kustomization.yaml</c> that ties them together and generates the Secret
/// from <c>secrets.env</c> (generated, gitignored): <c>kubectl apply -k &lt;dir&gt;</c>. PostgreSQL is a StatefulSet
/// with a volume claim; each project a Deployment, a Service and a ConfigMap of its plain settings; a one-shot step
/// (migrate) runs as an init container of every pod that waits for it, after an init container that waits for
/// PostgreSQL — ordering the kubelet enforces without RBAC, and the migrator's advisory lock makes replicas safe.
/// </summary>
public sealed class KubernetesPublisher : IPublisher
{
    public const string SecretFileName = "secrets.env";
    public const string SecretName = "cvtailor-secrets";
    public const string PartOf = "cvtailor";

    /// <summary>The uid of the non-root <c>app</c> user in the .NET container images.</summary>
    public const int AppUserId = 1654;

    public async Task<IReadOnlyList<string>> PublishAsync(PublishedApplication app, PublishOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(options.OutputPath);
        await SecretFile.WriteAsync(Path.Combine(options.OutputPath, SecretFileName), app.Parameters,
            $"Values of the Secret '{SecretName}' (kustomization.yaml's secretGenerator; generated, kept on re-publish).", ct);
        await SecretFile.WriteGitIgnoreAsync(options.OutputPath, SecretFileName, ct);

        var files = new List<(string Name, IReadOnlyList<object> Documents)>();
        if (app.Postgres is { } pg)
        {
            files.Add(($"{pg.Name}.yaml", [ClusterService(pg.Name, PostgresServer.Port, "tcp"), PostgresStatefulSet(pg)]));
        }
        foreach (var volume in app.Volumes)
        {
            files.Add(($"{volume.Name}-pvc.yaml", [SharedClaim(volume)]));
        }
        foreach (var service in app.Services.Where(s => s.Kind == PublishedServiceKind.Service))
        {
            files.Add(($"{service.Name}.yaml",
            [
                ConfigMap(service),
                Deployment(service, app, options),
                ClusterService(service.Name, PublishedApplication.ContainerPort, "http"),
            ]));
        }
        foreach (var (name, documents) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(options.OutputPath, name), YamlText.SerializeAll(documents), ct);
        }

        var kustomization = new Dictionary<string, object>
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
        };
        if (!string.IsNullOrEmpty(options.Namespace))
        {
            kustomization["namespace"] = options.Namespace;
        }
        kustomization["resources"] = files.Select(f => f.Name).ToArray();
        kustomization["secretGenerator"] = new[]
        {
            new Dictionary<string, object> { ["name"] = SecretName, ["envs"] = new[] { SecretFileName } },
        };
        // A fixed name keeps the manifests readable on their own; roll pods after changing a secret.
        kustomization["generatorOptions"] = new Dictionary<string, object> { ["disableNameSuffixHash"] = true };
        await File.WriteAllTextAsync(Path.Combine(options.OutputPath, "kustomization.yaml"),
            "# Generated from the CvTailor.AppHost application model: kubectl apply -k <this directory>\n" + YamlText.Serialize(kustomization), ct);
        return [.. files.Select(f => f.Name), "kustomization.yaml", SecretFileName, ".gitignore"];
    }

    static Dictionary<string, object> Metadata(string name, string component) => new()
    {
        ["name"] = name,
        ["labels"] = Labels(component),
    };

    static Dictionary<string, object> Labels(string component) => new()
    {
        ["app.kubernetes.io/name"] = component,
        ["app.kubernetes.io/part-of"] = PartOf,
    };

    static Dictionary<string, object> ClusterService(string name, int port, string portName) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = Metadata(name, name),
        ["spec"] = new Dictionary<string, object>
        {
            ["type"] = "ClusterIP",
            ["selector"] = new Dictionary<string, object> { ["app.kubernetes.io/name"] = name },
            ["ports"] = new[]
            {
                new Dictionary<string, object> { ["name"] = portName, ["port"] = port, ["targetPort"] = portName },
            },
        },
    };

    static Dictionary<string, object> PostgresStatefulSet(PostgresServer pg)
    {
        var env = new List<object>
        {
            new Dictionary<string, object> { ["name"] = "POSTGRES_USER", ["value"] = PostgresServer.User },
            SecretEnv("POSTGRES_PASSWORD", pg.Password),
            // A subdirectory: a fresh volume's root may hold lost+found, which initdb refuses.
            new Dictionary<string, object> { ["name"] = "PGDATA", ["value"] = "/var/lib/postgresql/data/pgdata" },
        };
        if (pg.Databases is [var db, ..])
        {
            env.Add(new Dictionary<string, object> { ["name"] = "POSTGRES_DB", ["value"] = db });
        }
        var ready = new Dictionary<string, object>
        {
            ["exec"] = new Dictionary<string, object> { ["command"] = new[] { "pg_isready", "-U", PostgresServer.User } },
            ["periodSeconds"] = 5,
            ["failureThreshold"] = 6,
        };
        return new Dictionary<string, object>
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = Metadata(pg.Name, pg.Name),
            ["spec"] = new Dictionary<string, object>
            {
                ["serviceName"] = pg.Name,
                ["replicas"] = 1,
                ["selector"] = new Dictionary<string, object> { ["matchLabels"] = new Dictionary<string, object> { ["app.kubernetes.io/name"] = pg.Name } },
                ["template"] = new Dictionary<string, object>
                {
                    ["metadata"] = new Dictionary<string, object> { ["labels"] = Labels(pg.Name) },
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["containers"] = new[]
                        {
                            new Dictionary<string, object>
                            {
                                ["name"] = pg.Name,
                                ["image"] = pg.Image,
                                ["ports"] = new[] { new Dictionary<string, object> { ["name"] = "tcp", ["containerPort"] = PostgresServer.Port } },
                                ["env"] = env,
                                ["readinessProbe"] = ready,
                                ["livenessProbe"] = new Dictionary<string, object>(ready) { ["periodSeconds"] = 15, ["initialDelaySeconds"] = 30 },
                                ["resources"] = Resources(ComputeResources.Postgres),
                                ["volumeMounts"] = new[] { new Dictionary<string, object> { ["name"] = "data", ["mountPath"] = "/var/lib/postgresql/data" } },
                            },
                        },
                    },
                },
                ["volumeClaimTemplates"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["metadata"] = new Dictionary<string, object> { ["name"] = "data" },
                        ["spec"] = new Dictionary<string, object>
                        {
                            ["accessModes"] = new[] { "ReadWriteOnce" },
                            ["resources"] = new Dictionary<string, object> { ["requests"] = new Dictionary<string, object> { ["storage"] = "10Gi" } },
                        },
                    },
                },
            },
        };
    }

    static Dictionary<string, object> SharedClaim(SharedVolume volume) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "PersistentVolumeClaim",
        ["metadata"] = Metadata(volume.Name, volume.Name),
        ["spec"] = new Dictionary<string, object>
        {
            // Several pods (api and embeddings replicas, maybe on different nodes) mount it at once: the cluster
            // needs a storage class that offers ReadWriteMany (NFS, CephFS, a cloud file share).
            ["accessModes"] = new[] { "ReadWriteMany" },
            ["resources"] = new Dictionary<string, object> { ["requests"] = new Dictionary<string, object> { ["storage"] = volume.Size } },
        },
    };

    static Dictionary<string, object> ConfigMap(PublishedService service) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = Metadata($"{service.Name}-env", service.Name),
        ["data"] = service.Environment.Where(e => e.Value is LiteralValue or ServiceUrlValue)
            .ToDictionary(e => e.Key, e => (object)(e.Value switch
            {
                LiteralValue l => l.Value,
                ServiceUrlValue s => ServiceUrl(s.Service),
                _ => throw new NotSupportedException(),
            }), StringComparer.Ordinal),
    };

    public static string ServiceUrl(string service) =>
        $"http://{service}:{PublishedApplication.ContainerPort.ToString(CultureInfo.InvariantCulture)}";

    static Dictionary<string, object> Deployment(PublishedService service, PublishedApplication app, PublishOptions options)
    {
        var container = new Dictionary<string, object>
        {
            ["name"] = service.Name,
            ["image"] = options.ImageFor(service.ImageRepository),
            ["ports"] = new[] { new Dictionary<string, object> { ["name"] = "http", ["containerPort"] = PublishedApplication.ContainerPort } },
            ["envFrom"] = new[] { new Dictionary<string, object> { ["configMapRef"] = new Dictionary<string, object> { ["name"] = $"{service.Name}-env" } } },
            ["env"] = SecretAndReferenceEnv(service, includePodName: true),
            ["readinessProbe"] = HttpGet(HttpProbe.HealthPath, periodSeconds: 10, failureThreshold: 3),
            ["livenessProbe"] = HttpGet(HttpProbe.AlivePath, periodSeconds: 10, failureThreshold: 3),
            // Start-up (model load, first connection) may take a while; liveness only counts once /alive answered.
            ["startupProbe"] = HttpGet(HttpProbe.AlivePath, periodSeconds: 2, failureThreshold: 60),
            ["resources"] = Resources(ComputeResources.For(service)),
        };
        if (service.Arguments.Count > 0)
        {
            container["args"] = service.Arguments.ToArray();
        }
        if (service.Mounts.Count > 0)
        {
            container["volumeMounts"] = service.Mounts
                .Select(m => new Dictionary<string, object> { ["name"] = m.Volume.Name, ["mountPath"] = m.Path }).ToArray();
        }
        var podSpec = new Dictionary<string, object>
        {
            ["securityContext"] = new Dictionary<string, object>
            {
                ["runAsNonRoot"] = true,
                ["runAsUser"] = AppUserId,
                ["runAsGroup"] = AppUserId,
                ["fsGroup"] = AppUserId,
            },
        };
        var init = InitContainers(service, app, options);
        if (init.Count > 0)
        {
            podSpec["initContainers"] = init;
        }
        podSpec["containers"] = new[] { container };
        if (service.Mounts.Count > 0)
        {
            podSpec["volumes"] = service.Mounts.Select(m => new Dictionary<string, object>
            {
                ["name"] = m.Volume.Name,
                ["persistentVolumeClaim"] = new Dictionary<string, object> { ["claimName"] = m.Volume.Name },
            }).ToArray();
        }
        return new Dictionary<string, object>
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = Metadata(service.Name, service.Name),
            ["spec"] = new Dictionary<string, object>
            {
                ["replicas"] = service.Replicas,
                ["selector"] = new Dictionary<string, object> { ["matchLabels"] = new Dictionary<string, object> { ["app.kubernetes.io/name"] = service.Name } },
                ["template"] = new Dictionary<string, object>
                {
                    ["metadata"] = new Dictionary<string, object> { ["labels"] = Labels(service.Name) },
                    ["spec"] = podSpec,
                },
            },
        };
    }

    /// <summary>
    /// One-shot steps this service waits for, each preceded by a wait for PostgreSQL when the step needs it. Waits
    /// on other services' health are left to readiness probes and the clients' retries.
    /// </summary>
    static List<object> InitContainers(PublishedService service, PublishedApplication app, PublishOptions options)
    {
        var init = new List<object>();
        var waitedForPostgres = false;
        void WaitForPostgres()
        {
            if (waitedForPostgres || app.Postgres is not { } pg)
            {
                return;
            }
            waitedForPostgres = true;
            init.Add(new Dictionary<string, object>
            {
                ["name"] = $"wait-for-{pg.Name}",
                ["image"] = pg.Image,
                ["command"] = new[]
                {
                    "sh", "-c",
                    $"until pg_isready -h {pg.Name} -p {PostgresServer.Port.ToString(CultureInfo.InvariantCulture)}; do sleep 2; done",
                },
                ["resources"] = Resources(ComputeResources.OneShot),
            });
        }
        foreach (var dependency in service.DependsOn)
        {
            if (app.Postgres is { } pg && dependency.Name == pg.Name)
            {
                WaitForPostgres();
                continue;
            }
            var step = app.Services.FirstOrDefault(s => s.Name == dependency.Name && s.Kind == PublishedServiceKind.OneShot);
            if (step is null)
            {
                continue;
            }
            if (app.Postgres is { } server && step.DependsOn.Any(d => d.Name == server.Name))
            {
                WaitForPostgres();
            }
            var container = new Dictionary<string, object>
            {
                ["name"] = step.Name,
                ["image"] = options.ImageFor(step.ImageRepository),
            };
            if (step.Arguments.Count > 0)
            {
                container["args"] = step.Arguments.ToArray();
            }
            container["env"] = step.Environment.Where(e => e.Value is LiteralValue or ServiceUrlValue)
                .Select(e => (object)new Dictionary<string, object>
                {
                    ["name"] = e.Key,
                    ["value"] = e.Value is LiteralValue l ? l.Value : ServiceUrl(((ServiceUrlValue)e.Value).Service),
                })
                .Concat(SecretAndReferenceEnv(step, includePodName: false)).ToList();
            container["resources"] = Resources(ComputeResources.OneShot);
            init.Add(container);
        }
        return init;
    }

    /// <summary>
    /// Secrets from the generated Secret, then values built from them with Kubernetes' <c>$(VAR)</c> expansion
    /// (which only sees variables listed earlier), so no password is ever written into a manifest.
    /// </summary>
    static List<object> SecretAndReferenceEnv(PublishedService service, bool includePodName)
    {
        var env = new List<object>();
        var passwords = new List<ParameterDefinition>();
        foreach (var (name, value) in service.Environment)
        {
            switch (value)
            {
                case ParameterValue p:
                    env.Add(SecretEnv(name, p.Parameter));
                    break;
                case ConnectionStringValue c when !passwords.Contains(c.Server.Password):
                    passwords.Add(c.Server.Password);
                    env.Add(SecretEnv(c.Server.Password.EnvironmentName, c.Server.Password));
                    break;
            }
        }
        foreach (var (name, value) in service.Environment)
        {
            if (value is ConnectionStringValue c)
            {
                env.Add(new Dictionary<string, object>
                {
                    ["name"] = name,
                    ["value"] = ComposePublisher.ConnectionString(c.Server, c.Database, $"$({c.Server.Password.EnvironmentName})"),
                });
            }
        }
        if (includePodName)
        {
            // Telemetry tells replicas apart by pod name.
            env.Add(new Dictionary<string, object>
            {
                ["name"] = "POD_NAME",
                ["valueFrom"] = new Dictionary<string, object> { ["fieldRef"] = new Dictionary<string, object> { ["fieldPath"] = "metadata.name" } },
            });
            env.Add(new Dictionary<string, object> { ["name"] = "OTEL_RESOURCE_ATTRIBUTES", ["value"] = "service.instance.id=$(POD_NAME)" });
        }
        return env;
    }

    static Dictionary<string, object> SecretEnv(string name, ParameterDefinition parameter) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new Dictionary<string, object>
        {
            ["secretKeyRef"] = new Dictionary<string, object> { ["name"] = SecretName, ["key"] = parameter.EnvironmentName },
        },
    };

    static Dictionary<string, object> HttpGet(string path, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = new Dictionary<string, object> { ["path"] = path, ["port"] = "http" },
        ["periodSeconds"] = periodSeconds,
        ["timeoutSeconds"] = 5,
        ["failureThreshold"] = failureThreshold,
    };

    static Dictionary<string, object> Resources(ComputeResources r) => new()
    {
        ["requests"] = new Dictionary<string, object> { ["cpu"] = r.CpuRequest, ["memory"] = r.MemoryRequest },
        ["limits"] = new Dictionary<string, object> { ["cpu"] = r.CpuLimit, ["memory"] = r.MemoryLimit },
    };
}

using CvTailor.Api.Auth.Tokens;
using CvTailor.Api.DrfContract;
using Microsoft.AspNetCore.Authorization;

namespace CvTailor.Api.Auth;

/// <summary>
/// Documents the answers authorization gives before a handler runs: <c>401</c> (simplejwt's body) on every endpoint
/// that needs a user, and <c>403 {"detail"}</c> on staff-only ones. Applied once to the group holding every area, after
/// the endpoints' own conventions, so it sees their final authorization metadata.
/// </summary>
public static class AuthResponses
{
    public static TBuilder DescribeAuthResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
            {
                return;
            }
            metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(AuthFailureBody), ["application/json"]));
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == StaffPolicy.Name))
            {
                metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiDetail), ["application/json"]));
            }
        });
        return builder;
    }
}

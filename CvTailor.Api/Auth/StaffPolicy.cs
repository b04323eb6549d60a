using CvTailor.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CvTailor.Api.Auth;

/// <summary>
/// The <c>Staff</c> authorization policy (<c>.RequireAuthorization(StaffPolicy.Name)</c>): a signed-in user whose
/// <c>is_staff</c> is set. The flag is read from the database on each request, not from the token, so revoking it
/// takes effect at once. A caller without it gets DRF's <c>403 {"detail": "You do not have permission to perform this
/// action."}</c> (the bearer scheme's forbid answer) before the endpoint reads anything.
/// </summary>
public static class StaffPolicy
{
    public const string Name = "Staff";

    public static AuthorizationBuilder AddStaffPolicy(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<IAuthorizationHandler, StaffHandler>();
        return builder.AddPolicy(Name, policy => policy.RequireAuthenticatedUser().AddRequirements(new StaffRequirement()));
    }

    /// <summary>Whether the user is staff (false for an unknown id).</summary>
    public static Task<bool> IsStaffAsync(CvTailorDbContext db, long userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.IsStaff).SingleOrDefaultAsync(ct);

    sealed class StaffRequirement : IAuthorizationRequirement;

    sealed class StaffHandler(CvTailorDbContext db) : AuthorizationHandler<StaffRequirement>
    {
        protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffRequirement requirement)
        {
            var ct = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
            if (CurrentUser.FromPrincipal(context.User) is { } user && await IsStaffAsync(db, user.Id, ct))
            {
                context.Succeed(requirement);
            }
        }
    }
}

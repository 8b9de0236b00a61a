using Gydex.Kernel.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gydex.Modules.Administration;

public sealed record UserResponse(Guid Id, string Login, string DisplayName, string? Email, bool Disabled, string? Department, IReadOnlyList<string> Groups);

public sealed record GroupResponse(Guid Id, string Name, string Stereotype, int Members, IReadOnlyList<GroupRightResponse> Rights);

public sealed record GroupRightResponse(string Code, string? Scope);

/// <summary>Users and groups on the org API, guarded by the same rights as the pages.</summary>
public static class AdministrationApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Administration");
        api.MapGet("/users", ListUsers).RequireRight(AdministrationRights.ViewUsers)
            .WithName("ListUsers").WithSummary("The organization's users with their department and groups.");
        api.MapGet("/users/{id:guid}", GetUser).RequireRight(AdministrationRights.ViewUsers)
            .WithName("GetUser").WithSummary("One user.");
        api.MapGet("/groups", ListGroups).RequireRight(AdministrationRights.Groups)
            .WithName("ListGroups").WithSummary("The organization's groups with their rights.");
    }

    private static async Task<Ok<List<UserResponse>>> ListUsers(UserAdministration users, CurrentAccess access, string? search, CancellationToken cancellationToken) =>
        TypedResults.Ok((await users.ListAsync(search, await access.DataScopeAsync(AdministrationRights.ViewUsers, cancellationToken), cancellationToken))
            .Select(ToResponse).ToList());

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetUser(Guid id, UserAdministration users, CurrentAccess access, CancellationToken cancellationToken)
    {
        var row = await users.FindRowAsync(id, await access.DataScopeAsync(AdministrationRights.ViewUsers, cancellationToken), cancellationToken);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(row));
    }

    private static async Task<Ok<List<GroupResponse>>> ListGroups(GroupAdministration groups, CancellationToken cancellationToken) =>
        TypedResults.Ok((await groups.ListAsync(cancellationToken)).Select(g => new GroupResponse(
            g.Id, g.Name, g.Stereotype.ToString(), g.Members.Count,
            g.Grants.OrderBy(x => x.RightCode, StringComparer.Ordinal).Select(x => new GroupRightResponse(x.RightCode, x.Scope?.ToString().ToLowerInvariant())).ToList())).ToList());

    private static UserResponse ToResponse(UserRow u) => new(u.Id, u.Login, u.DisplayName, u.Email, u.IsDisabled, u.Department, u.Groups);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Gydex.Kernel.Access;
using Gydex.Kernel.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gydex.Modules.Customers;

public sealed record BankAccountDto(string Bik, string Account, string? BankName);

/// <summary>A counterparty on the API. Lists (phones, e-mails, tags) are arrays; custom fields an object by key.</summary>
public sealed record CounterpartyDto(Guid Id, string Code, CounterpartyKind Kind, string Name, string? FullName, string? Inn, string? Kpp, string? Ogrn,
    string? LegalAddress, string? PostalAddress, IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, string? Website,
    Guid ResponsibleId, Guid? DepartmentId, IReadOnlyList<string> Tags, string? Notes, IReadOnlyList<BankAccountDto> BankAccounts,
    IReadOnlyDictionary<string, string> CustomFields, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What a client sends to create a counterparty (and, as a JSON merge patch, to change one).</summary>
public sealed record CounterpartyRequest
{
    public CounterpartyKind Kind { get; init; } = CounterpartyKind.Legal;

    public string? Name { get; init; }

    public string? FullName { get; init; }

    public string? Inn { get; init; }

    public string? Kpp { get; init; }

    public string? Ogrn { get; init; }

    public string? LegalAddress { get; init; }

    public string? PostalAddress { get; init; }

    public IReadOnlyList<string>? Phones { get; init; }

    public IReadOnlyList<string>? Emails { get; init; }

    public string? Website { get; init; }

    public Guid? ResponsibleId { get; init; }

    public Guid? DepartmentId { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? Notes { get; init; }

    public IReadOnlyList<BankAccountDto>? BankAccounts { get; init; }

    public IReadOnlyDictionary<string, string?>? CustomFields { get; init; }

    internal CounterpartyInput ToInput() => new()
    {
        Kind = Kind, Name = Name, FullName = FullName, Inn = Inn, Kpp = Kpp, Ogrn = Ogrn, LegalAddress = LegalAddress, PostalAddress = PostalAddress,
        Phones = Phones is null ? null : string.Join('\n', Phones), Emails = Emails is null ? null : string.Join('\n', Emails), Website = Website,
        ResponsibleId = ResponsibleId, DepartmentId = DepartmentId, Tags = Tags is null ? null : string.Join(',', Tags), Notes = Notes,
        BankAccounts = BankAccounts?.Select(a => new BankAccountInput(a.Bik, a.Account, a.BankName)).ToList(), CustomFields = CustomFields,
    };
}

/// <summary>A contact on the API; personal fields are null (and <c>personalDataHidden</c> true) where the caller may not see them.</summary>
public sealed record ContactDto(Guid Id, string Code, string Surname, string? Name, string? Patronymic, string? Position,
    IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, IReadOnlyList<string> Messengers, DateOnly? Birthday,
    Guid ResponsibleId, Guid? DepartmentId, IReadOnlyList<string> Tags, string? Notes, DateOnly? ConsentDate, string? ConsentPurpose,
    string? ConsentMethod, DateOnly? ConsentWithdrawnDate, bool HasConsent, bool PersonalDataHidden, IReadOnlyList<Guid> CounterpartyIds,
    IReadOnlyDictionary<string, string> CustomFields, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ContactRequest
{
    public string? Surname { get; init; }

    public string? Name { get; init; }

    public string? Patronymic { get; init; }

    public string? Position { get; init; }

    public IReadOnlyList<string>? Phones { get; init; }

    public IReadOnlyList<string>? Emails { get; init; }

    public IReadOnlyList<string>? Messengers { get; init; }

    public DateOnly? Birthday { get; init; }

    public Guid? ResponsibleId { get; init; }

    public Guid? DepartmentId { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? Notes { get; init; }

    public DateOnly? ConsentDate { get; init; }

    public string? ConsentPurpose { get; init; }

    public string? ConsentMethod { get; init; }

    public DateOnly? ConsentWithdrawnDate { get; init; }

    public IReadOnlyList<Guid>? CounterpartyIds { get; init; }

    public IReadOnlyDictionary<string, string?>? CustomFields { get; init; }

    internal ContactInput ToInput() => new()
    {
        Surname = Surname, Name = Name, Patronymic = Patronymic, Position = Position,
        Phones = Phones is null ? null : string.Join('\n', Phones), Emails = Emails is null ? null : string.Join('\n', Emails),
        Messengers = Messengers is null ? null : string.Join('\n', Messengers), Birthday = Birthday, ResponsibleId = ResponsibleId,
        DepartmentId = DepartmentId, Tags = Tags is null ? null : string.Join(',', Tags), Notes = Notes, ConsentDate = ConsentDate,
        ConsentPurpose = ConsentPurpose, ConsentMethod = ConsentMethod, ConsentWithdrawnDate = ConsentWithdrawnDate,
        CounterpartyIds = CounterpartyIds, CustomFields = CustomFields,
    };
}

public sealed record PageDto<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Counterparties and contacts on the org API, with exactly the pages' rights and scopes (out of scope = 404), RFC 7807
/// problems, JSON merge patch for changes, keyset cursors, and a rate limit per token.
/// </summary>
public static class CustomersApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Customers").RequireRateLimiting(ApiRateLimit.Policy);
        var cp = CustomersRights.Counterparties;
        api.MapGet("/counterparties", ListCounterparties).RequireRight(cp.View).WithName("ListCounterparties")
            .WithSummary("Counterparties within the caller's scope: filters q, kind, tag, responsible, department, cf.<key>; sort name|code|updated (-desc); cursor, limit.");
        api.MapGet("/counterparties/{id:guid}", GetCounterparty).RequireRight(cp.View).WithName("GetCounterparty").WithSummary("One counterparty.");
        api.MapPost("/counterparties", CreateCounterparty).RequireRight(cp.Create).WithName("CreateCounterparty")
            .WithSummary("Creates a counterparty; 409 when one with the same INN exists, unless allowDuplicate=true.");
        api.MapPatch("/counterparties/{id:guid}", PatchCounterparty).RequireRight(cp.Edit).WithName("UpdateCounterparty")
            .WithSummary("Changes a counterparty: a JSON merge patch (RFC 7396) of its fields.").Accepts<JsonObject>("application/merge-patch+json", "application/json");
        api.MapDelete("/counterparties/{id:guid}", DeleteCounterparty).RequireRight(cp.Delete).WithName("DeleteCounterparty").WithSummary("Deletes a counterparty.");
        var ct = CustomersRights.Contacts;
        api.MapGet("/contacts", ListContacts).RequireRight(ct.View).WithName("ListContacts")
            .WithSummary("Contacts within the caller's scope: filters q, tag, responsible, department, consent (none|given), cf.<key>; sort name|code|updated; cursor, limit.");
        api.MapGet("/contacts/{id:guid}", GetContact).RequireRight(ct.View).WithName("GetContact").WithSummary("One contact.");
        api.MapPost("/contacts", CreateContact).RequireRight(ct.Create).WithName("CreateContact")
            .WithSummary("Creates a contact; 409 when one with the same e-mail or phone exists, unless allowDuplicate=true.");
        api.MapPatch("/contacts/{id:guid}", PatchContact).RequireRight(ct.Edit).WithName("UpdateContact")
            .WithSummary("Changes a contact: a JSON merge patch (RFC 7396) of its fields.").Accepts<JsonObject>("application/merge-patch+json", "application/json");
        api.MapDelete("/contacts/{id:guid}", DeleteContact).RequireRight(ct.Delete).WithName("DeleteContact").WithSummary("Deletes a contact.");
    }

    private static async Task<Ok<PageDto<CounterpartyDto>>> ListCounterparties(HttpRequest request, CounterpartyBook book, CustomerLists lists,
        Kernel.CustomFields.CustomFields fields, CancellationToken cancellationToken)
    {
        var list = ListQuery.From(request.Query);
        var page = await CustomerLists.PageAsync(await lists.FilterAsync(await book.QueryAsync(CustomersRights.Counterparties.View, cancellationToken), list, cancellationToken),
            list, cancellationToken);
        var values = await fields.ValuesAsync(CustomersModule.CounterpartyFields, page.Rows.Select(r => r.Id).ToList(), cancellationToken);
        return TypedResults.Ok(new PageDto<CounterpartyDto>(page.Rows.Select(c => ToDto(c, null, values.GetValueOrDefault(c.Id))).ToList(), page.Next));
    }

    private static async Task<Results<Ok<CounterpartyDto>, NotFound>> GetCounterparty(Guid id, CounterpartyBook book, Kernel.CustomFields.CustomFields fields,
        CancellationToken cancellationToken) =>
        await book.FindAsync(id, CustomersRights.Counterparties.View, cancellationToken) is { } c
            ? TypedResults.Ok(await FullAsync(c, book, fields, cancellationToken)) : TypedResults.NotFound();

    private static async Task<CounterpartyDto> FullAsync(Counterparty c, CounterpartyBook book, Kernel.CustomFields.CustomFields fields, CancellationToken cancellationToken) =>
        ToDto(c, await book.AccountsAsync(c.Id, cancellationToken), await fields.ValuesAsync(CustomersModule.CounterpartyFields, c.Id, cancellationToken));

    private static async Task<Results<Created<CounterpartyDto>, ValidationProblem, ProblemHttpResult>> CreateCounterparty(
        CounterpartyRequest body, bool? allowDuplicate, HttpRequest request, CounterpartyBook book, Kernel.CustomFields.CustomFields fields,
        CancellationToken cancellationToken)
    {
        var result = await book.CreateAsync(body.ToInput(), allowDuplicate == true, cancellationToken);
        return result.Outcome switch
        {
            SaveOutcome.Saved => TypedResults.Created($"{request.PathBase}/api/v1/counterparties/{result.Record!.Id}", await FullAsync(result.Record, book, fields, cancellationToken)),
            SaveOutcome.Duplicate => Duplicate(result.Duplicates, "A counterparty with this INN exists."),
            _ => Invalid(result.Errors),
        };
    }

    private static async Task<Results<Ok<CounterpartyDto>, NotFound, ValidationProblem, ProblemHttpResult>> PatchCounterparty(
        Guid id, HttpRequest request, CounterpartyBook book, Kernel.CustomFields.CustomFields fields, CancellationToken cancellationToken)
    {
        var current = await book.FindAsync(id, CustomersRights.Counterparties.Edit, cancellationToken);
        if (current is null)
            return TypedResults.NotFound();
        if (await PatchAsync(request, cancellationToken) is not { } patch)
            return BadBody();
        var merged = Merge(JsonSerializer.SerializeToNode(await FullAsync(current, book, fields, cancellationToken), Json)!.AsObject(), patch);
        CounterpartyRequest? changed;
        try
        {
            changed = merged.Deserialize<CounterpartyRequest>(Json);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a valid patch", detail: e.Message);
        }

        var input = changed!.ToInput() with { CustomFields = CustomOf(patch) };
        var result = await book.UpdateAsync(id, input, cancellationToken);
        return result.Outcome switch
        {
            SaveOutcome.Saved => TypedResults.Ok(await FullAsync(result.Record!, book, fields, cancellationToken)),
            SaveOutcome.NotFound => TypedResults.NotFound(),
            _ => Invalid(result.Errors),
        };
    }

    private static async Task<Results<NoContent, NotFound>> DeleteCounterparty(Guid id, CounterpartyBook book, CancellationToken cancellationToken) =>
        await book.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Ok<PageDto<ContactDto>>> ListContacts(HttpRequest request, ContactBook book, CustomerLists lists,
        Kernel.CustomFields.CustomFields fields, CancellationToken cancellationToken)
    {
        var list = ListQuery.From(request.Query);
        var page = await CustomerLists.PageAsync(await lists.FilterAsync(await book.QueryAsync(CustomersRights.Contacts.View, cancellationToken), list, cancellationToken),
            list, cancellationToken);
        var values = await fields.ValuesAsync(CustomersModule.ContactFields, page.Rows.Select(r => r.Id).ToList(), cancellationToken);
        return TypedResults.Ok(new PageDto<ContactDto>(page.Rows.Select(c => ToDto(book, c, null, values.GetValueOrDefault(c.Id))).ToList(), page.Next));
    }

    private static async Task<Results<Ok<ContactDto>, NotFound>> GetContact(Guid id, ContactBook book, Kernel.CustomFields.CustomFields fields,
        CancellationToken cancellationToken) =>
        await book.FindAsync(id, CustomersRights.Contacts.View, cancellationToken) is { } c
            ? TypedResults.Ok(await FullAsync(c, book, fields, cancellationToken)) : TypedResults.NotFound();

    private static async Task<ContactDto> FullAsync(Contact c, ContactBook book, Kernel.CustomFields.CustomFields fields, CancellationToken cancellationToken) =>
        ToDto(book, c, (await book.CounterpartiesOfAsync(c.Id, cancellationToken)).Select(r => r.Id).ToList(),
            await fields.ValuesAsync(CustomersModule.ContactFields, c.Id, cancellationToken));

    private static async Task<Results<Created<ContactDto>, ValidationProblem, ProblemHttpResult>> CreateContact(
        ContactRequest body, bool? allowDuplicate, HttpRequest request, ContactBook book, Kernel.CustomFields.CustomFields fields,
        CancellationToken cancellationToken)
    {
        var result = await book.CreateAsync(body.ToInput(), allowDuplicate == true, cancellationToken);
        return result.Outcome switch
        {
            SaveOutcome.Saved => TypedResults.Created($"{request.PathBase}/api/v1/contacts/{result.Record!.Id}", await FullAsync(result.Record, book, fields, cancellationToken)),
            SaveOutcome.Duplicate => Duplicate(result.Duplicates, "A contact with this e-mail or phone exists."),
            _ => Invalid(result.Errors),
        };
    }

    private static async Task<Results<Ok<ContactDto>, NotFound, ValidationProblem, ProblemHttpResult>> PatchContact(
        Guid id, HttpRequest request, ContactBook book, Kernel.CustomFields.CustomFields fields, CancellationToken cancellationToken)
    {
        var current = await book.FindAsync(id, CustomersRights.Contacts.Edit, cancellationToken);
        if (current is null)
            return TypedResults.NotFound();
        if (await PatchAsync(request, cancellationToken) is not { } patch)
            return BadBody();
        var merged = Merge(JsonSerializer.SerializeToNode(await FullAsync(current, book, fields, cancellationToken), Json)!.AsObject(), patch);
        ContactRequest? changed;
        try
        {
            changed = merged.Deserialize<ContactRequest>(Json);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a valid patch", detail: e.Message);
        }

        var input = changed!.ToInput() with { CustomFields = CustomOf(patch) };
        var result = await book.UpdateAsync(id, input, cancellationToken);
        return result.Outcome switch
        {
            SaveOutcome.Saved => TypedResults.Ok(await FullAsync(result.Record!, book, fields, cancellationToken)),
            SaveOutcome.NotFound => TypedResults.NotFound(),
            _ => Invalid(result.Errors),
        };
    }

    private static async Task<Results<NoContent, NotFound>> DeleteContact(Guid id, ContactBook book, CancellationToken cancellationToken) =>
        await book.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<JsonObject?> PatchAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemHttpResult BadBody() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a JSON object", detail: "Send a JSON merge patch: an object of the fields to change.");

    /// <summary>RFC 7396: an object merges into the target, null removes, anything else replaces.</summary>
    private static JsonObject Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
                target[key] = null;
            else if (value is JsonObject child && target[key] is JsonObject existing)
                target[key] = Merge(existing, child);
            else
                target[key] = value.DeepClone();
        }

        return target;
    }

    /// <summary>Only the custom fields the patch names change.</summary>
    private static Dictionary<string, string?>? CustomOf(JsonObject patch) =>
        patch["customFields"] is JsonObject custom
            ? custom.ToDictionary(p => p.Key, p => p.Value is JsonValue v ? v.ToString() : null, StringComparer.Ordinal)
            : null;

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => Camel(e.Key), e => new[] { e.Value }), title: "The record is not valid");

    private static ProblemHttpResult Duplicate(IReadOnlyList<DuplicateRef> duplicates, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Possible duplicate", detail: detail + " Send allowDuplicate=true to create it anyway.",
            extensions: new Dictionary<string, object?>
            {
                ["duplicates"] = duplicates.Select(d => new { id = d.Visible ? d.Id : (Guid?)null, code = d.Code, name = d.Visible ? d.Name : null, reason = d.Reason }).ToList(),
            });

    private static string Camel(string key) => key.Length == 0 || key.StartsWith(Kernel.CustomFields.CustomFields.FormPrefix, StringComparison.Ordinal)
        ? key : char.ToLowerInvariant(key[0]) + key[1..];

    private static IReadOnlyList<string> Lines(string? text) => TextLists.Items(text, commasSeparate: false);

    internal static CounterpartyDto ToDto(Counterparty c, IReadOnlyList<BankAccount>? accounts, IReadOnlyDictionary<string, string>? custom) => new(
        c.Id, c.Code, c.Kind, c.Name, c.FullName, c.Inn, c.Kpp, c.Ogrn, c.LegalAddress, c.PostalAddress, Lines(c.Phones), Lines(c.Emails), c.Website,
        c.ResponsibleId, c.DepartmentId, (c.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), c.Notes,
        (accounts ?? []).Select(a => new BankAccountDto(a.Bik, a.Account, a.BankName)).ToList(), custom ?? new Dictionary<string, string>(), c.CreatedAt, c.UpdatedAt);

    internal static ContactDto ToDto(ContactBook book, Contact contact, IReadOnlyList<Guid>? counterparties, IReadOnlyDictionary<string, string>? custom)
    {
        var c = book.Shown(contact);
        return new ContactDto(c.Id, c.Code, c.Surname, c.Name, c.Patronymic, c.Position, Lines(c.Phones), Lines(c.Emails), Lines(c.Messengers), c.Birthday,
            c.ResponsibleId, c.DepartmentId, (c.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries), c.Notes, c.ConsentDate, c.ConsentPurpose,
            c.ConsentMethod, c.ConsentWithdrawnDate, c.HasConsent, !ReferenceEquals(c, contact), counterparties ?? [], custom ?? new Dictionary<string, string>(),
            c.CreatedAt, c.UpdatedAt);
    }
}

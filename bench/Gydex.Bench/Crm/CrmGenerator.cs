using System.Diagnostics;
using Gydex.Kernel.Access;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Modules.Customers;
using Gydex.Modules.Sales;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Gydex.Bench.Journal.JournalBench;

namespace Gydex.Bench.Crm;

/// <summary>Who the generated records belong to: employees in departments, one of them the bench's signed-in manager.</summary>
internal sealed record CrmStaff(Guid ManagerId, string ManagerLogin, string ManagerPassword, IReadOnlyList<(Guid User, Guid Department)> Employees);

/// <summary>
/// Fills an organization with counterparties, contacts (linked to counterparties) and deals as the application
/// would have written them — codes from the organization's sequences, search text and duplicate keys as the
/// module computes them — but in bulk, through a context without the journal (the load is data, not actions).
/// </summary>
internal static class CrmGenerator
{
    private const int Batch = 5000;

    private static readonly string[] Sources = ["Сайт", "Звонок", "Выставка", "Рекомендация", "Рассылка"];

    public static async Task<CrmStaff> StaffAsync(Journal.BenchHost host, Organization org, string password)
    {
        await using var scope = host.Scope(org);
        var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GydexUser>>();
        var root = await db.Set<Department>().SingleAsync(d => d.ParentId == null);
        var departments = new List<Guid>();
        foreach (var name in new[] { "Продажи Москва", "Продажи Санкт-Петербург", "Опт", "Розница" })
        {
            var department = new Department { Id = Guid.CreateVersion7(), Name = name, ParentId = root.Id };
            db.Add(department);
            departments.Add(department.Id);
        }

        await db.SaveChangesAsync();
        var managers = await db.Set<Group>().SingleAsync(g => g.Stereotype == GroupStereotype.Managers);
        var employees = new List<(Guid, Guid)>();
        for (var i = 0; i < 20; i++)
        {
            var login = i == 0 ? "bench-manager" : $"employee{i:D2}";
            var user = new GydexUser { Id = Guid.CreateVersion7(), UserName = login, DisplayName = login, DepartmentId = departments[i % departments.Count] };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            db.Add(new GroupMember { GroupId = managers.Id, UserId = user.Id });
            employees.Add((user.Id, user.DepartmentId!.Value));
        }

        await db.SaveChangesAsync();
        return new CrmStaff(employees[0].Item1, "bench-manager", password, employees);
    }

    public static async Task FillAsync(Journal.BenchHost host, Organization org, CrmStaff staff, int counterparties, int contacts, int deals)
    {
        var data = new RussianData(seed: 20261204);
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        // Counterparties: 70 % organizations, 20 % sole proprietors, 10 % people.
        var counterpartyIds = new Guid[counterparties];
        var firstCounterparty = await ReserveAsync(host, org, Counterparty.Sequence, counterparties);
        var invalid = 0;
        await InsertAsync(host, org, counterparties, i =>
        {
            var kind = i % 10 < 7 ? CounterpartyKind.Legal : i % 10 < 9 ? CounterpartyKind.Sole : CounterpartyKind.Person;
            var (user, department) = data.Pick(staff.Employees);
            var number = firstCounterparty + i;
            var owner = data.NextPerson();
            var counterparty = new Counterparty
            {
                Id = counterpartyIds[i] = Guid.CreateVersion7(),
                Number = number,
                Code = DocumentNumbers.Format(Counterparty.CodePrefix, number),
                Kind = kind,
                ResponsibleId = user,
                DepartmentId = department,
                LegalAddress = data.Address(),
                Phones = data.Phone(),
                CreatedAt = now.AddMinutes(-counterparties + i),
                UpdatedAt = now.AddMinutes(-counterparties + i),
            };
            if (kind == CounterpartyKind.Legal)
            {
                var name = data.CompanyName();
                counterparty.Name = $"ООО «{name}»";
                counterparty.FullName = $"Общество с ограниченной ответственностью «{name}»";
                counterparty.Inn = data.LegalInn();
                counterparty.Kpp = RussianData.Kpp(counterparty.Inn);
                counterparty.Ogrn = data.Ogrn(soleProprietor: false);
                counterparty.Website = $"https://{RussianData.Translit(name)}{i}.ru";
            }
            else
            {
                var fio = $"{owner.Surname} {owner.Name} {owner.Patronymic}";
                counterparty.Name = kind == CounterpartyKind.Sole ? "ИП " + fio : fio;
                counterparty.FullName = kind == CounterpartyKind.Sole ? "Индивидуальный предприниматель " + fio : fio;
                counterparty.Inn = data.PersonInn();
                counterparty.Ogrn = kind == CounterpartyKind.Sole ? data.Ogrn(soleProprietor: true) : null;
            }

            if (Requisites.InnProblem(counterparty.Inn, kind) is not null || (counterparty.Ogrn is { } ogrn && Requisites.OgrnProblem(ogrn, kind) is not null))
                invalid++;
            counterparty.SearchText = SearchText.For(counterparty);
            return [counterparty];
        });
        if (invalid > 0)
            throw new InvalidOperationException($"{invalid} generated counterparties have requisites the module refuses.");
        Line($"  {counterparties:N0} counterparties (requisites valid by the module's checks) in {clock.Elapsed.TotalSeconds:F0} s");

        // Contacts: 70 % linked to one counterparty, 10 % to two, the rest to none; 90 % with consent, 2 % withdrawn.
        clock.Restart();
        var contactIds = new Guid[contacts];
        var firstContact = await ReserveAsync(host, org, Contact.Sequence, contacts);
        await InsertAsync(host, org, contacts, i =>
        {
            var person = data.NextPerson();
            var (user, department) = data.Pick(staff.Employees);
            var number = firstContact + i;
            var contact = new Contact
            {
                Id = contactIds[i] = Guid.CreateVersion7(),
                Number = number,
                Code = DocumentNumbers.Format(Contact.CodePrefix, number),
                Surname = person.Surname,
                Name = person.Name,
                Patronymic = person.Patronymic,
                Position = data.Position(),
                Phones = data.Phone(),
                Emails = data.Email(person, i),
                ResponsibleId = user,
                DepartmentId = department,
                ConsentDate = i % 10 == 0 ? null : DateOnly.FromDateTime(now.UtcDateTime).AddDays(-data.Next(1000)),
                ConsentPurpose = i % 10 == 0 ? null : "Исполнение договора и информирование о заказах",
                ConsentMethod = i % 10 == 0 ? null : "Письменное согласие",
                ConsentWithdrawnDate = i % 50 == 1 ? DateOnly.FromDateTime(now.UtcDateTime).AddDays(-data.Next(100)) : null,
                CreatedAt = now.AddSeconds(-contacts + i),
                UpdatedAt = now.AddSeconds(-contacts + i),
            };
            contact.SearchText = SearchText.For(contact);
            var rows = new List<object> { contact };
            rows.AddRange(ContactBook.MatchKeys(contact.Emails, contact.Phones).Select(key => new ContactMatchKey { ContactId = contact.Id, Key = key }));
            var links = i % 10 < 7 ? 1 : i % 10 < 8 ? 2 : 0;
            foreach (var counterparty in Enumerable.Range(0, links).Select(_ => counterpartyIds[data.Next(counterparties)]).Distinct())
                rows.Add(new ContactLink { Id = Guid.CreateVersion7(), ContactId = contact.Id, CounterpartyId = counterparty });
            return rows;
        });
        Line($"  {contacts:N0} contacts with their links and duplicate keys in {clock.Elapsed.TotalSeconds:F0} s");

        // Deals in the organization's default pipeline, spread over its stages.
        clock.Restart();
        List<Stage> stages;
        await using (var scope = host.Scope(org))
        {
            var db = scope.ServiceProvider.GetRequiredService<OrgDbContext>();
            var pipeline = await db.Set<Pipeline>().OrderByDescending(p => p.IsDefault).FirstAsync();
            stages = await db.Set<Stage>().Where(s => s.PipelineId == pipeline.Id).OrderBy(s => s.Order).ToListAsync();
        }

        var products = new[] { "Поставка оборудования", "Монтаж", "Сервисный договор", "Лицензии", "Комплектующие", "Консалтинг", "Обучение персонала" };
        await InsertAsync(host, org, deals, i =>
        {
            var stage = stages[data.Next(stages.Count)];
            var (user, department) = data.Pick(staff.Employees);
            var counterparty = counterpartyIds[data.Next(counterparties)];
            var created = now.AddMinutes(-deals + i);
            var deal = new Deal
            {
                Id = Guid.CreateVersion7(),
                Number = i + 1,
                Title = $"{data.Pick(products)} — {i + 1}",
                CounterpartyId = counterparty,
                ContactId = contactIds[data.Next(contacts)],
                Amount = Math.Round((decimal)(data.NextDouble() * 5_000_000) + 10_000m, 2),
                Currency = "RUB",
                PipelineId = stage.PipelineId,
                StageId = stage.Id,
                ExpectedCloseOn = DateOnly.FromDateTime(created.UtcDateTime).AddDays(30 + data.Next(120)),
                ResponsibleId = user,
                DepartmentId = department,
                Source = data.Pick(Sources),
                CreatedAt = created,
                UpdatedAt = created,
                ClosedAt = stage.Kind == StageKind.Open ? null : created.AddDays(20),
            };
            return [deal, new DealStageChange { Id = Guid.CreateVersion7(), DealId = deal.Id, ToStageId = stage.Id, ChangedAt = created, ChangedById = user }];
        });
        Line($"  {deals:N0} deals with their first stage in {clock.Elapsed.TotalSeconds:F0} s");

        clock.Restart();
        if (host.Kind == StorageProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(host.OrgConnectionString(org));
            await connection.OpenAsync();
            await using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync();
        }
        else
        {
            await using var db = host.Provider.CreateOrgContext(org, []);
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        Line($"  VACUUM ANALYZE in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task<long> ReserveAsync(Journal.BenchHost host, Organization org, string sequence, int count)
    {
        await using var scope = host.Scope(org);
        return await scope.ServiceProvider.GetRequiredService<DocumentNumbers>().ReserveAsync(sequence, count, CancellationToken.None);
    }

    /// <summary>
    /// Generates <paramref name="count"/> records with their dependants and writes them in batches by binary COPY,
    /// each entity type to its table in the order first met (parents before children); the tables and columns
    /// are read from the application's EF model, so the rows are exactly what its entities map to.
    /// </summary>
    private static async Task InsertAsync(Journal.BenchHost host, Organization org, int count, Func<int, IEnumerable<object>> make)
    {
        await using var model = host.Provider.CreateOrgContext(org, []);
        await using var connection = new NpgsqlConnection(host.OrgConnectionString(org));
        await connection.OpenAsync();
        for (var start = 0; start < count; start += Batch)
        {
            var byType = new Dictionary<Type, List<object>>();
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                foreach (var row in make(i))
                {
                    if (!byType.TryGetValue(row.GetType(), out var rows))
                        byType[row.GetType()] = rows = [];
                    rows.Add(row);
                }
            }

            foreach (var (type, rows) in byType)
                await CopyAsync(connection, model.Model.FindEntityType(type)!, rows);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Microsoft.EntityFrameworkCore.Metadata.IEntityType entity, List<object> rows)
    {
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        // Database-generated keys (identity columns) are left to the database.
        var columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && p.ClrType != typeof(Guid)))
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Converter: p.GetTypeMapping().Converter))
            .ToList();
        var copy = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => "\"" + c.Column + "\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var (property, _, converter) in columns)
            {
                var value = property.PropertyInfo!.GetValue(row);
                if (value is not null && converter is not null)
                    value = converter.ConvertToProvider(value);
                if (value is null)
                    await importer.WriteNullAsync();
                else
                    await importer.WriteAsync(value);
            }
        }

        await importer.CompleteAsync();
    }
}

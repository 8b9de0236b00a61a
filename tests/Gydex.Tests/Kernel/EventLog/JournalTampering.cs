using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Gydex.Tests.Kernel.EventLog;

/// <summary>
/// What someone with direct access to the database could do: get past the append-only triggers and change a
/// record. Only tests do this, to show the verifier catches it.
/// </summary>
public static class JournalTampering
{
    public static async Task AlterCommentAsync(OrgDbContext db, long id, string comment)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Journal\" DISABLE TRIGGER journal_refuse_update");
            await db.Database.ExecuteSqlAsync($"UPDATE \"Journal\" SET \"Comment\" = {comment} WHERE \"Id\" = {id}");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Journal\" ENABLE TRIGGER journal_refuse_update");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"Journal_refuse_update\"");
            await db.Database.ExecuteSqlAsync($"UPDATE \"Journal\" SET \"Comment\" = {comment} WHERE \"Id\" = {id}");
        }
    }

    public static async Task DeleteAsync(OrgDbContext db, long id)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Journal\" DISABLE TRIGGER journal_refuse_delete");
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"Journal\" WHERE \"Id\" = {id}");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Journal\" ENABLE TRIGGER journal_refuse_delete");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"Journal_refuse_delete\"");
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"Journal\" WHERE \"Id\" = {id}");
        }
    }
}

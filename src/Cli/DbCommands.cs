using System.CommandLine;
using SocialWatch.Storage;

namespace SocialWatch.Cli;

/// <summary><c>socialwatch db migrate|status</c>: the database schema.</summary>
public static class DbCommands
{
    public static Command Create(CliContext context)
    {
        var db = new Command("db", "The database: apply migrations, show the schema version.");

        var migrate = new Command("migrate", "Apply pending schema migrations (the service also does this at start). Safe to repeat.");
        migrate.SetAction(async (_, ct) =>
        {
            var migrator = context.Get<IDatabaseMigrator>();
            IReadOnlyList<MigrationState> applied;
            DatabaseStatus status;
            try
            {
                applied = await migrator.MigrateAsync(ct);
                status = await migrator.GetStatusAsync(ct);
            }
            catch (Exception ex) when (ex is DatabaseSchemaException or DatabaseUnavailableException)
            {
                throw new CliUserException(ex.Message, ex);
            }
            foreach (var migration in applied)
            {
                await context.Out.WriteLineAsync($"applied {migration.Version:0000} {migration.Name}");
            }
            await context.Out.WriteLineAsync(applied.Count == 0
                ? $"{status.Location} is up to date (schema version {status.CurrentVersion})"
                : $"{status.Location} is now at schema version {status.CurrentVersion}");
            return 0;
        });

        var status = new Command("status", "Show where the database is and which migrations are applied or pending.");
        status.SetAction(async (_, ct) =>
        {
            DatabaseStatus current;
            try
            {
                current = await context.Get<IDatabaseMigrator>().GetStatusAsync(ct);
            }
            catch (Exception ex) when (ex is DatabaseSchemaException or DatabaseUnavailableException)
            {
                throw new CliUserException(ex.Message, ex);
            }
            await context.Out.WriteLineAsync($"database: {current.Location}");
            await context.Out.WriteLineAsync($"schema version: {current.CurrentVersion} of {current.LatestVersion}" +
                (current.IsUpToDate ? " (up to date)" : " (run `socialwatch db migrate`)"));
            CliSupport.WriteTable(context, ["version", "name", "applied"],
                current.Migrations.Select(m => new[] { m.Version.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), m.Name, m.AppliedAt is null ? "pending" : CliSupport.FormatTime(context, m.AppliedAt) }));
            return 0;
        });

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(status);
        return db;
    }
}

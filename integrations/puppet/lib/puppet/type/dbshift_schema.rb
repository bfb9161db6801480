# The schema of one database, kept at a version by dbshift.
#
# Why a custom property rather than `ensurable`: ensurable knows present/absent, but a schema is always
# there and has a version; `ensure` here is that version (or `latest`), read with `dbshift status --json`
# and changed with `dbshift up`/`down` only when it differs, so a second `puppet apply` changes nothing.
Puppet::Type.newtype(:dbshift_schema) do
  @doc = <<-DOC
    @summary Keeps a database schema at a dbshift version.

    Reads the current version with `dbshift status --json`; when it is not the wanted one, runs
    `dbshift up` (or `dbshift down` to an older version) and nothing otherwise.

    @example
      dbshift_schema { '/srv/app/db':
        url         => 'jdbc:postgresql://127.0.0.1:5432/app',
        user        => 'app',
        password    => Sensitive('secret'),
        environment => 'prod',
        ensure      => latest,
      }
  DOC

  newparam(:name, namevar: true) do
    desc 'The project folder (holding dbshift.toml and migrations/), or any name when project_dir is given.'
  end

  newparam(:project_dir) do
    desc 'The project folder holding dbshift.toml and migrations/ (default: the title).'
    defaultto { @resource[:name] }
    validate do |value|
      raise ArgumentError, "dbshift_schema: project_dir must be an absolute path, not '#{value}'" unless Puppet::Util.absolute_path?(value)
    end
  end

  newparam(:url) do
    desc 'JDBC URL (or postgres://..., mariadb://...); default: as dbshift.toml says.'
  end

  newparam(:user) do
    desc 'The database user; default: as dbshift.toml says.'
  end

  newparam(:password) do
    desc 'The database password (a String or Sensitive), handed to dbshift as DBSHIFT_PASSWORD, never on a command line.'
    sensitive true
  end

  # Puppet can redact only properties and warns on every run for a Sensitive parameter; a parameter is
  # never logged, so the password needs no redaction and the warning is left out.
  def set_sensitive_parameters(sensitive_parameters)
    super(sensitive_parameters - [:password])
  end

  newparam(:environment) do
    desc 'The dbshift environment (dbshift -e NAME).'
  end

  newparam(:dbshift) do
    desc 'The dbshift executable (default: dbshift on the PATH).'
    defaultto 'dbshift'
  end

  newproperty(:ensure) do
    desc 'The version the schema must be at (1.2), or latest: every migration applied.'
    newvalue(:latest)
    newvalue(%r{\A[0-9]+(\.[0-9]+)*\z})

    def insync?(is)
      provider.at?(should.to_s, is.to_s)
    end

    def change_to_s(current, wanted)
      "migrated from #{current == :absent || current.to_s.empty? ? 'nothing' : current} to #{wanted}"
    end
  end
end

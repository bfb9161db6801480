require 'json'

# Runs the dbshift command line: `status --json` to read, `up`/`down` to change. The connection settings
# go in as DBSHIFT_* environment variables (the password never on a command line or in a log).
Puppet::Type.type(:dbshift_schema).provide(:cli) do
  desc 'Migrates with the dbshift command line.'

  # The current version, or :absent when no migration is applied.
  def ensure
    current = status['current']
    current.nil? ? :absent : current
  end

  # Whether the schema is at `wanted` (a version, or latest) when its current version is `current`.
  def at?(wanted, current)
    return status['pending'].zero? if wanted == 'latest'
    versions = status['migrations'].map { |m| m['version'] }.compact
    unless versions.include?(wanted)
      raise Puppet::Error, "dbshift_schema[#{resource[:name]}]: ensure => '#{wanted}' is not a migration of " \
                           "#{resource[:project_dir]} (its versions: #{versions.join(', ')})"
    end
    current == wanted
  end

  def ensure=(wanted)
    wanted = wanted.to_s
    if wanted == 'latest'
      dbshift('up', 'head')
    elsif applied?(wanted)
      dbshift('down', wanted)
    else
      dbshift('up', wanted)
    end
    @status = nil
  end

  private

  def applied?(version)
    status['migrations'].any? { |m| m['version'] == version && m['state'] == 'applied' }
  end

  def status
    @status ||= JSON.parse(dbshift('status', '--json'))
  end

  def dbshift(*args)
    command = [resource[:dbshift], '-C', resource[:project_dir]]
    command += ['-e', resource[:environment]] if resource[:environment]
    env = {}
    env['DBSHIFT_URL'] = resource[:url] if resource[:url]
    env['DBSHIFT_USER'] = resource[:user] if resource[:user]
    password = resource[:password]
    password = password.unwrap if password.respond_to?(:unwrap)
    env['DBSHIFT_PASSWORD'] = password if password
    output = Puppet::Util::Execution.execute(command + args, failonfail: false, combine: true,
                                             custom_environment: env, override_locale: false)
    unless output.exitstatus.zero?
      raise Puppet::Error, "#{(command + args).join(' ')} failed (exit #{output.exitstatus}): #{output}"
    end
    output.to_s
  end
end

package dev.dbshift.spring.boot;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes every bean that talks to the database through JPA or a JDBC template depend on the migration bean,
 * so an application component that reads a table in its constructor never runs before the migration that
 * creates it (what Boot does for Flyway and Liquibase). The types go by name: Boot 3 and 4 (Spring 6 and 7)
 * keep these four where they were, and an application without JPA or spring-jdbc simply has none of them.
 */
public final class DependsOnDbShift implements BeanFactoryPostProcessor {
    static final List<String> DATABASE_USERS = List.of(
            "jakarta.persistence.EntityManagerFactory",
            "org.springframework.orm.jpa.AbstractEntityManagerFactoryBean",
            "org.springframework.jdbc.core.JdbcOperations",
            "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations");

    private final String migrationBean;

    public DependsOnDbShift(String migrationBean) {
        this.migrationBean = migrationBean;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        ClassLoader loader = beanFactory.getBeanClassLoader();
        Set<String> users = new LinkedHashSet<>();
        for (String typeName : DATABASE_USERS) {
            if (ClassUtils.isPresent(typeName, loader)) {
                // no eager initialisation: a factory bean's product type is read from its definition
                for (String name : beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(typeName, loader), true, false)) {
                    users.add(BeanFactoryUtils.transformedBeanName(name));
                }
            }
        }
        users.remove(migrationBean);
        for (String user : users) {
            if (!beanFactory.containsBeanDefinition(user)) {
                continue; // registered as a ready object, already created
            }
            BeanDefinition definition = beanFactory.getBeanDefinition(user);
            List<String> dependsOn = new ArrayList<>(definition.getDependsOn() == null ? List.of() : Arrays.asList(definition.getDependsOn()));
            if (!dependsOn.contains(migrationBean)) {
                dependsOn.add(migrationBean);
                definition.setDependsOn(dependsOn.toArray(String[]::new));
            }
        }
    }
}
